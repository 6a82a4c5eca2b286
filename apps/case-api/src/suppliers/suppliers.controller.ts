import { IdParam } from '@app/http';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SupplierMetricsView } from './supplier-metrics.view';
import { SuppliersService } from './suppliers.service';

@ApiTags('suppliers')
@ApiBearerAuth()
@Controller('v1/suppliers')
export class SuppliersController {
  constructor(private readonly suppliers: SuppliersService) {}

  /** Any signed-in user: storefronts show these. An unknown supplier answers zeros, not 404. */
  @Get(':id/metrics')
  @ApiOkResponse({ type: SupplierMetricsView })
  metrics(@IdParam() id: string): Promise<SupplierMetricsView> {
    return this.suppliers.metrics(id);
  }
}
