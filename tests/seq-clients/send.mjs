// An application logging through seq-logging to "Seq" at the given URL: node send.mjs <server-url> <api-key> <run-id>.
// Exits 1 with the client's error on stderr when an event could not be delivered.
import { Logger } from 'seq-logging';

const [serverUrl, apiKey, runId] = process.argv.slice(2);
let failed = null;
const logger = new Logger({ serverUrl, apiKey, onError: e => { failed = e; } });
const base = { Application: 'warehouse-bot', RunId: runId };

logger.emit({ timestamp: new Date(), level: 'Information', messageTemplate: 'Заказ {OrderId} передан в {ExternalSystem} за {ElapsedMs} мс',
  properties: { ...base, OrderId: 2042, ExternalSystem: 'moysklad', ElapsedMs: 64 } });
logger.emit({ timestamp: new Date(), level: 'Warning', messageTemplate: 'Повтор {RetryCount} для заказа {OrderId}',
  properties: { ...base, Step: 'send', RetryCount: 3, OrderId: 2042 } });
logger.emit({ timestamp: new Date(), level: 'Error', messageTemplate: 'Не удалось отправить заказ {OrderId}',
  properties: { ...base, OrderId: 2042 }, exception: 'Error: склад закрыт\n    at send (send.js:1:1)' });
logger.emit({ timestamp: new Date(), level: 'Debug', messageTemplate: 'Подробности {Order} 🚚',
  properties: { ...base, Order: { Id: 2042, Lines: 3, Shop: 'Магазин Купчино' } } });

logger.close().then(() => {
  if (failed) { console.error(`seq-logging failed: ${failed.message || failed}`); process.exit(1); }
  console.log('sent 4 events');
});
