import { CurrentUser, Principal } from '@app/auth';
import { IdParam, Operation } from '@app/http';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SupplierMetricsView } from './supplier-metrics.view';
import { SupplierStandingView, SupplierStorefrontView } from './supplier-standing.view';
import { SuppliersService } from './suppliers.service';

@ApiTags('suppliers')
@Controller('v1/suppliers')
export class SuppliersController {
  constructor(private readonly suppliers: SuppliersService) {}

  /** Any signed-in user: storefronts show these. An unknown supplier answers zeros, not 404. */
  @Get(':id/metrics')
  @Operation({ id: 'getSupplierMetrics', summary: "A supplier's responsiveness over the last 30 days and 12 months", description: 'An unknown supplier answers zeros, not 404.' })
  @ApiOkResponse({ type: SupplierMetricsView })
  metrics(@IdParam() id: string): Promise<SupplierMetricsView> {
    return this.suppliers.metrics(id);
  }

  /** The supplier itself, platform, admin, specialists and reviewers; for anyone else it does not exist (404). */
  @Get(':id/standing')
  @Operation({
    id: 'getSupplierStanding',
    summary: "A supplier's Trade Assurance eligibility over the eligibility period, as of now",
    description: 'For the supplier itself, platform, admin, specialists and reviewers; 404 for anyone else. An unknown supplier has no orders: not eligible (too_few_orders).',
  })
  @ApiOkResponse({ type: SupplierStandingView })
  standing(@CurrentUser() user: Principal, @IdParam() id: string): Promise<SupplierStandingView> {
    return this.suppliers.standing(user, id);
  }

  @Get(':id/storefront')
  @Operation({
    id: 'getSupplierStorefront',
    summary: 'What a supplier\'s storefront shows: Trade Assurance eligibility, 12 months of trade, responsiveness',
    description: 'Any signed-in user. An unknown supplier answers zeros, not 404.',
  })
  @ApiOkResponse({ type: SupplierStorefrontView })
  storefront(@IdParam() id: string): Promise<SupplierStorefrontView> {
    return this.suppliers.storefront(id);
  }
}
