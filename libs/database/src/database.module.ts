import { APP_CONFIG, AppConfig } from '@app/config';
import { DynamicModule, Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createDataSource, migrate, runMigrations } from './data-source';

@Module({})
export class DatabaseModule implements OnModuleInit {
  private readonly logger = new Logger(DatabaseModule.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({ ...createDataSource(config.database.url, config.database.poolSize).options }),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }

  /** Migrations run as the tables' owner: on a connection of its own when the apps log in as another role. */
  async onModuleInit(): Promise<void> {
    const { migrateAtBoot, url, migrationUrl } = this.config.database;
    if (!migrateAtBoot) return;
    const applied = migrationUrl === url ? await runMigrations(this.dataSource) : await migrate(migrationUrl);
    if (applied.length) this.logger.log(`Applied migrations: ${applied.join(', ')}`);
  }
}
