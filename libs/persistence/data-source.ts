import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';

/** Entry point for the TypeORM CLI (`typeorm -d dist/libs/persistence/data-source.js`). */
export default new DataSource(buildDataSourceOptions(loadConfig().databaseUrl));
