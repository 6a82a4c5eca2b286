import { canSeeCase, canSeeOrder, Principal } from '@app/auth';
import { APP_CONFIG, AppConfig, Clock, CLOCK } from '@app/config';
import { CaseEntity, LedgerEntryEntity, LedgerRepository, OrderEntity, OrderRepository } from '@app/database';
import { coveredReasons, DomainError, fundingTransaction, OrderAction, orderTransition, reportedTime } from '@app/domain';
import { decodeCursor, Page, toPage } from '@app/http';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { visibleTo } from '../cases/case-queries.service';
import { CreateOrderDto, ListOrdersQuery } from './dto/create-order.dto';
import { RecordDeliveryDto, RecordPaymentDto, RecordShipmentDto } from './dto/order-events.dto';
import { OrderLedgerView, OrderView, toLedgerView, toOrderView } from './order.view';

@Injectable()
export class OrdersService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(dto: CreateOrderDto): Promise<OrderView> {
    if (dto.amount.amount <= 0) throw new DomainError('validation_failed', 'amount must be positive', 'amount.amount');
    dto.items?.forEach((item, i) => {
      if (item.unitPrice.currency !== dto.amount.currency) {
        throw new DomainError('currency_mismatch', 'item prices must be in the order currency', `items.${i}.unitPrice.currency`);
      }
    });
    const order = this.dataSource.manager.create(OrderEntity, {
      id: randomUUID(),
      buyerId: dto.buyerId,
      supplierId: dto.supplierId,
      amount: dto.amount.amount,
      currency: dto.amount.currency,
      paymentMethod: dto.paymentMethod,
      shipBy: dto.shipBy,
      tradeAssurance: dto.tradeAssurance,
      customized: dto.customized,
      items: dto.items ?? [],
      externalRef: dto.externalRef ?? null,
      status: 'awaiting_payment',
      // The fee is a term of the order: a later policy change does not change it (DOMAIN.md "Money: the ledger").
      serviceFeeBps: this.config.fees.serviceFeeBps,
    });
    const saved = await this.dataSource.manager.save(order);
    return this.view(this.dataSource.manager, saved, []);
  }

  async get(user: Principal, id: string): Promise<OrderView> {
    const manager = this.dataSource.manager;
    const order = await this.findVisible(manager, user, id);
    return this.view(manager, order, await LedgerRepository.entriesForOrder(manager, id));
  }

  /** Newest first: a buyer's or supplier's own, all for platform and admin, for staff those of cases they see. */
  async list(user: Principal, query: ListOrdersQuery): Promise<Page<OrderView>> {
    const manager = this.dataSource.manager;
    const qb = manager.getRepository(OrderEntity).createQueryBuilder('o');
    if (user.role === 'buyer') qb.where('o.buyer_id = :me', { me: user.id });
    else if (user.role === 'supplier') qb.where('o.supplier_id = :me', { me: user.id });
    else if (user.role === 'specialist' || user.role === 'reviewer') {
      const cases = visibleTo(manager.getRepository(CaseEntity).createQueryBuilder('c'), user).andWhere('c.order_id = o.id');
      qb.where(new Brackets((w) => w.where(`EXISTS (${cases.select('1').getQuery()})`))).setParameters(cases.getParameters());
    } else qb.where('TRUE');
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    const cursor = decodeCursor(query.cursor);
    if (cursor) qb.andWhere('(o.created_at, o.id) < (:at, :id)', { at: cursor.createdAt, id: cursor.id });
    const rows = await qb.orderBy('o.created_at', 'DESC').addOrderBy('o.id', 'DESC').limit(query.limit + 1).getMany();
    const shown = rows.slice(0, query.limit);
    const ids = shown.map((o) => o.id);
    const [entries, standings] = await Promise.all([
      ids.length ? LedgerRepository.entriesForOrders(manager, ids) : new Map<string, LedgerEntryEntity[]>(),
      OrderRepository.caseStandings(manager, ids),
    ]);
    const now = this.clock.now();
    return toPage(rows, query.limit, (order) => toOrderView(order, entries.get(order.id) ?? [], this.coverage(order, standings.get(order.id), now)));
  }

  async ledger(user: Principal, id: string): Promise<OrderLedgerView> {
    const order = await this.findVisible(this.dataSource.manager, user, id);
    return toLedgerView(order, await LedgerRepository.entriesForOrder(this.dataSource.manager, id));
  }

  /** Payment funds the escrow: buyer_funding → escrow:<orderId>, in the same transaction as the status change. */
  recordPayment(user: Principal, id: string, dto: RecordPaymentDto): Promise<OrderView> {
    return this.move(user, id, 'pay', async (manager, order, now) => {
      const paidAt = this.reported('paidAt', dto.paidAt, user, now, [{ at: order.createdAt, what: 'the order was created' }]);
      await LedgerRepository.post(manager, { uniqueKey: `funding:${order.id}`, orderId: order.id }, fundingTransaction({
        id: order.id,
        amount: { amount: order.amount, currency: order.currency },
      }));
      return { paidAt, paymentReference: dto.reference ?? null };
    });
  }

  recordShipment(user: Principal, id: string, dto: RecordShipmentDto): Promise<OrderView> {
    return this.move(user, id, 'ship', async (_, order, now) => ({
      shippedAt: this.reported('shippedAt', dto.shippedAt, user, now, [{ at: order.paidAt, what: 'the payment' }]),
      carrier: dto.carrier ?? null,
      trackingNumber: dto.trackingNumber ?? null,
    }));
  }

  recordDelivery(user: Principal, id: string, dto: RecordDeliveryDto): Promise<OrderView> {
    return this.move(user, id, 'deliver', async (_, order, now) => ({
      deliveredAt: this.reported('deliveredAt', dto.deliveredAt, user, now, [{ at: order.shippedAt, what: 'the shipment' }]),
    }));
  }

  /** The buyer confirms receipt: the order completes and the escrow is released unless a case is open. */
  confirmReceipt(user: Principal, id: string): Promise<OrderView> {
    return this.move(
      user,
      id,
      'confirm_receipt',
      async (_, order, now) => ({ receiptConfirmedAt: now, completedAt: now, deliveredAt: order.deliveredAt ?? now }),
      (manager, order) => OrderRepository.releaseEscrowIfDue(manager, order),
    );
  }

  /** A time the caller reports for an order event (DOMAIN.md "Orders and escrow", reported times). */
  private reported(field: string, given: Date | undefined, user: Principal, now: Date, notBefore: Array<{ at: Date | null; what: string }>): Date {
    return reportedTime(field, given, { now, notBefore, reporter: user.role, backdateLimit: this.config.policy.lateEventTolerance });
  }

  private async move(
    user: Principal,
    id: string,
    action: OrderAction,
    changesFor: (manager: EntityManager, order: OrderEntity, now: Date) => Promise<Partial<OrderEntity>>,
    afterMove?: (manager: EntityManager, order: OrderEntity) => Promise<unknown>,
  ): Promise<OrderView> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await OrderRepository.lock(manager, id);
      const order = locked && canSeeOrder(user, locked) ? locked : null;
      if (!order) throw new DomainError('not_found', 'No such order');
      const next = orderTransition(order.status, action);
      const changes = await changesFor(manager, order, this.clock.now());
      if (!(await OrderRepository.move(manager, order, next, changes))) {
        throw new DomainError('invalid_state', 'The order changed meanwhile; reload it');
      }
      const moved = { ...order, ...changes, status: next } as OrderEntity;
      await afterMove?.(manager, moved);
      const saved = await manager.findOneByOrFail(OrderEntity, { id });
      return this.view(manager, saved, await LedgerRepository.entriesForOrder(manager, id));
    });
  }

  private async view(manager: EntityManager, order: OrderEntity, entries: LedgerEntryEntity[]): Promise<OrderView> {
    const standing = (await OrderRepository.caseStandings(manager, [order.id])).get(order.id);
    return toOrderView(order, entries, this.coverage(order, standing, this.clock.now()));
  }

  /** API.md: the reasons a dispute may be opened for now, and the case open on the order. */
  private coverage(order: OrderEntity, standing: { openCaseId: string | null; settled: boolean } | undefined, now: Date) {
    const openCaseId = standing?.openCaseId ?? null;
    // A resolved case settles the order for good (CasesService refuses another with not_covered).
    const reasons = standing?.settled
      ? []
      : coveredReasons({ ...order, amount: { amount: order.amount, currency: order.currency } }, now, this.config.policy, openCaseId !== null);
    return { reasons, openCaseId };
  }

  /** Its parties, platform and admin; staff only through a case on the order they can see. Everyone else: 404. */
  private async findVisible(manager: EntityManager, user: Principal, id: string): Promise<OrderEntity> {
    const order = await manager.findOneBy(OrderEntity, { id });
    if (order && (canSeeOrder(user, order) || (await this.staffSeesOrderCase(manager, user, id)))) return order;
    throw new DomainError('not_found', 'No such order');
  }

  private async staffSeesOrderCase(manager: EntityManager, user: Principal, orderId: string): Promise<boolean> {
    if (user.role !== 'specialist' && user.role !== 'reviewer') return false;
    const cases: Array<{ buyerId: string; supplierId: string; specialistId: string | null; reviewerId: string | null; status: string; overdue: boolean }> =
      await manager.query(
        `SELECT buyer_id AS "buyerId", supplier_id AS "supplierId", specialist_id AS "specialistId",
                reviewer_id AS "reviewerId", status, overdue FROM cases WHERE order_id = $1`,
        [orderId],
      );
    return cases.some((c) => canSeeCase(user, c));
  }
}

