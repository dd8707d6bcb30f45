// wink-nlp (with wink-eng-lite-web-model) over a JSON Lines corpus: for each
// record, sentence splitting, tokenisation and entity tagging of its text,
// the peer task of bench/peers/wink_speed.sh.
//
//   node bench/peers/wink_bench.mjs CORPUS.jsonl [--pipe sbd,ner]
//
// The pipe defaults to the smallest one that does the task (sbd + ner; wink
// always tokenises); `--pipe default` runs wink's full default pipe (sbd,
// negation, sentiment, pos, ner, cer). Prints one JSON line: records, bytes of
// the file and of the texts, sentences, tokens and entities found, and the
// seconds spent in-process (wall and CPU) after the model is loaded and the
// file read, so Node start-up and I/O are not counted against wink.
import { readFileSync } from 'node:fs';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: wink_bench.mjs CORPUS.jsonl [--pipe sbd,ner|default]');
  process.exit(2);
}
const pi = args.indexOf('--pipe');
const pipeArg = pi >= 0 ? args[pi + 1] : 'sbd,ner';
const nlp = pipeArg === 'default' ? winkNLP(model) : winkNLP(model, pipeArg.split(','));
const its = nlp.its;

const raw = readFileSync(file);
const lines = raw.toString('utf8').split('\n').filter((l) => l.trim() !== '');
const texts = lines.map((l) => JSON.parse(l).text || '');
const textBytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);

let sentences = 0, tokens = 0, entities = 0;
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
for (const text of texts) {
  const doc = nlp.readDoc(text);
  sentences += doc.sentences().length();
  tokens += doc.tokens().length();
  // Read every entity out (value and type), as a caller would.
  entities += doc.entities().out(its.detail).length;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({
  pipe: pipeArg, records: texts.length, file_bytes: raw.length, text_bytes: textBytes,
  sentences, tokens, entities, seconds, cpu_seconds: (cpu.user + cpu.system) / 1e6,
}));
