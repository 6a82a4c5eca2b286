import { ContactEntity } from '@app/database';
import { DateTimeProp, StringProp, UuidProp } from '@app/http';

export class ContactView {
  @UuidProp() userId: string;
  @StringProp() email: string;
  @StringProp({ nullable: true }) name: string | null;
  @StringProp({ nullable: true }) locale: string | null;
  @DateTimeProp() updatedAt: string;
}

export const toContactView = (c: ContactEntity): ContactView => ({
  userId: c.userId,
  email: c.email,
  name: c.name,
  locale: c.locale,
  updatedAt: c.updatedAt.toISOString(),
});
