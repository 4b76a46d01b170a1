/**
 * Locates the real data sets used by tests and benchmarks. They live in a `shared/data` folder
 * beside the repository clone; `/work/shared/data` is the fallback on the development machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Returns the absolute path of a data file, such as `crm-sales-opportunities/sales_pipeline.csv`. */
export function dataFile(relativePath: string): string {
	const candidates = [
		path.resolve(REPOSITORY_ROOT, '../shared/data', relativePath),
		path.join('/work/shared/data', relativePath)
	];
	const found = candidates.find((candidate) => fs.existsSync(candidate));
	if (!found) {
		throw new Error(`Data file ${relativePath} not found; looked in ${candidates.join(' and ')}.`);
	}
	return found;
}

export const PIPELINE_CSV = 'crm-sales-opportunities/sales_pipeline.csv';
export const GBK_CSV = 'cjk-gbk/traffic-practice-gbk.csv';
