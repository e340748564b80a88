// The npm side of bench/logs-soak.sh: seq-logging, unmodified, sending events tagged with a soak id and a sequence number
// for the given seconds. node soak.mjs <server-url> <api-key> <seconds> <soak-id>; prints "sent N" (N events emitted).
import { Logger } from 'seq-logging';

const [serverUrl, apiKey, seconds, soak] = process.argv.slice(2);
let errors = 0;
const logger = new Logger({ serverUrl, apiKey, onError: () => { errors++; } });
const until = Date.now() + Number(seconds) * 1000;
let n = 0;
while (Date.now() < until) {
  for (let i = 0; i < 20; i++, n++)
    logger.emit({ timestamp: new Date(), level: n % 10 === 0 ? 'Warning' : 'Information', messageTemplate: 'Soak {Seq} from {Source}: склад «Бестужевых»',
      properties: { Soak: soak, Source: 'npm', Seq: n, Application: 'soak-npm' } });
  await new Promise(r => setTimeout(r, 100));
}
await logger.close();
console.log(`sent ${n}`);
console.error(`client errors ${errors}`);
