import { Principal } from '@app/auth';
import { Clock, CLOCK } from '@app/config';
import { CaseStore, MessageEntity } from '@app/database';
import { assertMayPostMessage, DomainError } from '@app/domain';
import { decodeCursor, Page, PageQueryDto, toPage } from '@app/http';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { findVisibleCase } from './case-access';
import { MessageView } from './case.view';
import { MessageDto } from './dto/case-requests.dto';

@Injectable()
export class MessagesService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The parties and the assigned staff talk on the case while it is open; the message and its timeline event commit together. */
  post(user: Principal, caseId: string, dto: MessageDto): Promise<MessageView> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      assertMayPostMessage(await findVisibleCase(manager, user, caseId), user);
      const evidenceIds = [...new Set(dto.evidenceIds ?? [])];
      if (evidenceIds.length) {
        const [{ count }] = await manager.query(
          `SELECT count(*)::int AS count FROM evidence WHERE case_id = $1 AND id = ANY($2::uuid[]) AND status <> 'rejected'`,
          [caseId, evidenceIds],
        );
        if (count !== evidenceIds.length) {
          throw new DomainError('validation_failed', 'evidenceIds must name evidence of this case', 'evidenceIds');
        }
      }
      const message: MessageEntity = {
        id: randomUUID(),
        caseId,
        authorId: user.id,
        authorRole: user.role,
        body: dto.body,
        evidenceIds,
        createdAt: now,
      };
      await manager.insert(MessageEntity, message);
      await CaseStore.appendEvents(manager, caseId, [{ type: 'case.message_posted', data: { messageId: message.id } }], user, now);
      return toMessageView(message);
    });
  }

  async list(user: Principal, caseId: string, page: PageQueryDto): Promise<Page<MessageView>> {
    await findVisibleCase(this.dataSource.manager, user, caseId);
    const qb = this.dataSource.getRepository(MessageEntity).createQueryBuilder('m').where('m.case_id = :caseId', { caseId });
    const cursor = decodeCursor(page.cursor);
    if (cursor) qb.andWhere('(m.created_at, m.id) > (:at, :id)', { at: cursor.createdAt, id: cursor.id });
    const rows = await qb.orderBy('m.created_at', 'ASC').addOrderBy('m.id', 'ASC').limit(page.limit + 1).getMany();
    return toPage(rows, page.limit, toMessageView);
  }
}

function toMessageView(m: MessageEntity): MessageView {
  return { ...m, createdAt: m.createdAt.toISOString() };
}
