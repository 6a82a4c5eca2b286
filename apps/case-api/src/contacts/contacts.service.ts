import { Principal } from '@app/auth';
import { Clock, CLOCK } from '@app/config';
import { ContactEntity } from '@app/database';
import { DomainError } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContactView, toContactView } from './contact.view';
import { ContactDto } from './dto/contact.dto';

/** Where each user's reminders go by e-mail: set by the platform, read by the platform, admins and the user. */
@Injectable()
export class ContactsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Creates or replaces: what is not given is cleared. */
  async put(userId: string, dto: ContactDto): Promise<ContactView> {
    const contact: ContactEntity = { userId, email: dto.email, name: dto.name ?? null, locale: dto.locale ?? null, updatedAt: this.clock.now() };
    await this.dataSource.manager.upsert(ContactEntity, contact, ['userId']);
    return toContactView(contact);
  }

  /** Someone else's contact is as invisible as a missing one (404). */
  async get(user: Principal, userId: string): Promise<ContactView> {
    const mayRead = user.role === 'platform' || user.role === 'admin' || user.id === userId;
    const contact = mayRead && (await this.dataSource.manager.findOneBy(ContactEntity, { userId }));
    if (!contact) throw new DomainError('not_found', 'No contact for this user');
    return toContactView(contact);
  }
}
