import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

const usage =
  'Usage: npm run inbound -- <message.eml>  (delivers a raw email to the complaints address of the running local stack)';

const { positionals } = parseArgs({ allowPositionals: true, options: {} });
const [file] = positionals;
if (!file || positionals.length > 1) {
  console.error(usage);
  process.exit(2);
}
let raw: Buffer;
try {
  raw = await readFile(file);
} catch (error) {
  console.error(`cannot read ${file}: ${(error as Error).message}`);
  process.exit(2);
}
const api = `http://localhost:${process.env.KEFU_API_PORT ?? 3000}`;
try {
  const response = await fetch(`${api}/_local/inbound-email`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822' },
    body: raw,
  });
  const result = await response.text();
  console.log(result);
  process.exit(response.ok ? 0 : 1);
} catch {
  console.error(`cannot reach ${api}: is \`npm start\` running?`);
  process.exit(1);
}
