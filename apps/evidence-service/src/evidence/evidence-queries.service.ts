import { Principal } from '@app/auth';
import { CaseEntity, EvidenceEntity, EvidenceStore } from '@app/database';
import { DomainError } from '@app/domain';
import { decodeCursor, Page, PageQueryDto, toPage } from '@app/http';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findVisibleCase, findVisibleItem, seesFraudSignal } from './evidence-access';
import { EvidenceView, toEvidenceView } from './evidence.view';
import { UploadStorage } from './upload-storage';

@Injectable()
export class EvidenceQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: UploadStorage,
  ) {}

  async get(user: Principal, id: string): Promise<EvidenceView> {
    const { item, caseRow } = await findVisibleItem(this.dataSource.manager, user, id);
    const [view] = await this.views(user, caseRow, [item]);
    return view;
  }

  /** The case's evidence, oldest first. */
  async list(user: Principal, caseId: string, page: PageQueryDto): Promise<Page<EvidenceView>> {
    const caseRow = await findVisibleCase(this.dataSource.manager, user, caseId);
    const after = decodeCursor(page.cursor);
    const query = this.dataSource.manager
      .createQueryBuilder(EvidenceEntity, 'e')
      .where('e.case_id = :caseId', { caseId })
      .orderBy('e.created_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .take(page.limit + 1);
    if (after) query.andWhere('(e.created_at, e.id) > (:createdAt, :id)', after);
    const rows = await query.getMany();
    const views = new Map((await this.views(user, caseRow, rows)).map((view) => [view.id, view]));
    return toPage(rows, page.limit, (row) => views.get(row.id)!);
  }

  /** A presigned GET for a participant, once the item is verified. */
  async downloadUrl(user: Principal, id: string): Promise<string> {
    const { item } = await findVisibleItem(this.dataSource.manager, user, id);
    if (item.status !== 'available' || !item.detectedType) {
      throw new DomainError('invalid_state', `The evidence is ${item.status}; only available evidence can be downloaded`);
    }
    return this.storage.presignDownload(item.storageKey, item.fileName, item.detectedType);
  }

  /** Views with the cross-case fraud signal, computed in one query for the whole list, for staff only. */
  private async views(user: Principal, caseRow: CaseEntity, items: EvidenceEntity[]): Promise<EvidenceView[]> {
    if (!seesFraudSignal(user)) return items.map((item) => toEvidenceView(item));
    // Only verified bytes count: a pending item's SHA-256 is merely what the uploader declared.
    const verified = (item: EvidenceEntity) => item.status === 'available';
    const seen = await EvidenceStore.alsoSeenInCases(this.dataSource.manager, caseRow.id, caseRow.buyerId, items.filter(verified).map((item) => item.sha256));
    return items.map((item) => toEvidenceView(item, verified(item) ? (seen.get(item.sha256) ?? []) : []));
  }
}
