import 'dotenv/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#libs/database/src/data-source.js';

/** The DataSource of `npm run migration:*`. It needs only DATABASE_URL. */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL is required for the migration CLI (the embedded database URL is printed by npm start)');
}

export default new DataSource(dataSourceOptions(url));
