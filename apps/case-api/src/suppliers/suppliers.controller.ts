import { IdParam, Operation } from '@app/http';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SupplierMetricsView } from './supplier-metrics.view';
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
}
