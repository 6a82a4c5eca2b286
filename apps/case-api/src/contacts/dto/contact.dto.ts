import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, Matches } from 'class-validator';

// Control characters (CR, LF among them) never reach a mail header or body.
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

export class ContactDto {
  @ApiProperty({ type: String, format: 'email', maxLength: 254, description: "where that user's reminder e-mails go", example: 'buyer@example.com' })
  @IsString()
  @Length(3, 254)
  @IsEmail({ allow_display_name: false, allow_ip_domain: false, require_tld: false }, { message: '$property must be an e-mail address' })
  email: string;

  @OptionalText(1, 200, 'how to greet the user in e-mails')
  name?: string;

  @ApiPropertyOptional({ type: String, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35, description: 'BCP 47 language tag', example: 'en-GB' })
  @IsOptional()
  @IsString()
  @Length(2, 35)
  @Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: '$property must be a BCP 47 language tag such as en or pt-BR' })
  locale?: string;
}

function OptionalText(min: number, max: number, description: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, minLength: min, maxLength: max, description }),
    IsOptional(),
    IsString(),
    Length(min, max),
    Matches(NO_CONTROL_CHARACTERS, { message: '$property must not contain control characters' }),
  );
}
