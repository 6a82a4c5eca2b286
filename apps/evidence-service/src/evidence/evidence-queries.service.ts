import { Principal } from '@app/auth';
import { Clock, CLOCK } from '@app/config';
import { CaseEntity, EvidenceDerivativesStore, EvidenceEntity, EvidenceStore } from '@app/database';
import { derivativeStatuses, DomainError, seesOriginal, viewIsOriginal, viewSource } from '@app/domain';
import { decodeCursor, Page, PageQueryDto, toPage } from '@app/http';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findVisibleCase, findVisibleItem, seesFraudSignal } from './evidence-access';
import { EvidenceLinksView, EvidenceView, toEvidenceView } from './evidence.view';
import { UploadStorage } from './upload-storage';

/** Where a copy of an item lives and what it is. */
interface Served {
  key: string;
  contentType: string;
}

@Injectable()
export class EvidenceQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: UploadStorage,
    @Inject(CLOCK) private readonly clock: Clock,
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

  /**
   * A presigned GET served as an attachment: the original for its uploader and staff, the view copy (its own type
   * and extension) for everyone else (DOMAIN.md "Evidence", privacy).
   */
  async downloadUrl(user: Principal, id: string): Promise<string> {
    const item = await this.availableItem(user, id);
    const view = this.viewFor(user, item);
    const served = seesOriginal(user, item.uploadedBy) ? original(item) : view;
    return this.storage.presignDownload(served.key, item.fileName, served.contentType);
  }

  /** API.md `links`: inline URLs of the view copy and every derivative that is ready, and of the original for those who may see it. */
  async links(user: Principal, id: string): Promise<EvidenceLinksView> {
    const item = await this.availableItem(user, id);
    const now = this.clock.now();
    const link = (served: Served) => this.storage.presignInline(served.key, served.contentType, now);
    const links: EvidenceLinksView = { view: await link(this.viewFor(user, item)) };
    for (const name of ['thumbnail', 'poster', 'preview'] as const) {
      const made = item.derivatives[name];
      if (made?.status === 'ready' && made.key && made.contentType) links[name] = await link({ key: made.key, contentType: made.contentType });
    }
    if (seesOriginal(user, item.uploadedBy)) links.original = await link(original(item));
    return links;
  }

  private async availableItem(user: Principal, id: string): Promise<EvidenceEntity & { detectedType: string }> {
    const { item } = await findVisibleItem(this.dataSource.manager, user, id);
    if (item.status !== 'available' || !item.detectedType) {
      throw new DomainError('invalid_state', `The evidence is ${item.status}; only available evidence can be opened`);
    }
    return item as EvidenceEntity & { detectedType: string };
  }

  /**
   * What `view` serves this caller: the view copy once made; until then, or when it cannot be made, the original for
   * its uploader and staff only. The other party is refused rather than ever given the original.
   */
  private viewFor(user: Principal, item: EvidenceEntity & { detectedType: string }): Served {
    if (viewIsOriginal(item.kind)) return original(item);
    const status = derivativeStatuses({ kind: item.kind, type: item.detectedType, status: item.status }, item.derivatives).view ?? 'pending';
    const source = viewSource(status, seesOriginal(user, item.uploadedBy));
    const made = item.derivatives.view;
    if (source === 'view' && made?.key && made.contentType) return { key: made.key, contentType: made.contentType };
    if (source === 'original') return original(item);
    throw new DomainError(
      'invalid_state',
      status === 'pending'
        ? 'The view copy of this evidence is still being made; try again shortly'
        : `The view copy of this evidence could not be made (${status}); only its uploader and staff may open the original`,
    );
  }

  /** Views with the cross-case fraud signals, computed in one query each for the whole list, for staff only. */
  private async views(user: Principal, caseRow: CaseEntity, items: EvidenceEntity[]): Promise<EvidenceView[]> {
    const showMetadata = (item: EvidenceEntity) => seesOriginal(user, item.uploadedBy);
    if (!seesFraudSignal(user)) return items.map((item) => toEvidenceView(item, { showMetadata: showMetadata(item) }));
    // Only verified bytes count: a pending item's SHA-256 is merely what the uploader declared.
    const verified = items.filter((item) => item.status === 'available');
    const manager = this.dataSource.manager;
    const seen = await EvidenceStore.alsoSeenInCases(manager, caseRow.id, caseRow.buyerId, verified.map((item) => item.sha256));
    const similar = await EvidenceDerivativesStore.similarInCases(manager, verified.map((item) => item.id));
    return items.map((item) => {
      const isVerified = item.status === 'available';
      return toEvidenceView(item, {
        alsoSeenInCases: isVerified ? (seen.get(item.sha256) ?? []) : [],
        similarInCases: isVerified ? (similar.get(item.id) ?? []) : [],
        showMetadata: true,
      });
    });
  }
}

const original = (item: EvidenceEntity & { detectedType: string }): Served => ({ key: item.storageKey, contentType: item.detectedType });
