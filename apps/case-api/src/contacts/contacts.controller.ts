import { CurrentUser, Principal, Roles } from '@app/auth';
import { IdParam, Operation } from '@app/http';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ContactView } from './contact.view';
import { ContactsService } from './contacts.service';
import { ContactDto } from './dto/contact.dto';

@ApiTags('contacts')
@Controller('v1/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Put(':userId')
  @Roles('platform')
  @Operation({
    id: 'putContact',
    summary: "Register where a user's reminder e-mails go (the platform)",
    description: 'Creates or replaces the contact; fields not given are cleared.',
  })
  @ApiOkResponse({ type: ContactView })
  put(@IdParam('userId') userId: string, @Body() dto: ContactDto): Promise<ContactView> {
    return this.contacts.put(userId, dto);
  }

  @Get(':userId')
  @Operation({ id: 'getContact', summary: "A user's contact (the platform, admins, and the user)" })
  @ApiOkResponse({ type: ContactView })
  get(@CurrentUser() user: Principal, @IdParam('userId') userId: string): Promise<ContactView> {
    return this.contacts.get(user, userId);
  }
}
