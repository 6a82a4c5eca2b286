// How `npm start` shows its children's output. The apps log JSON (pino); in a terminal each line becomes one
// readable line: time, level, process, message (request logs: method, url, status, duration), error.
// PostgreSQL's and Redis's own log lines get the same shape; any other line passes through as it is.

const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLOURS = { WARN: 33, ERROR: 31, FATAL: 31, DEBUG: 90, TRACE: 90 };
const KNOWN = new Set(['level', 'time', 'pid', 'hostname', 'context', 'msg', 'req', 'res', 'responseTime', 'err', 'errorId']);
// Nest's boot chatter (one line per module and route): in the JSON, not worth a screen in a terminal.
const QUIET_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

const pad = (n, width = 2) => String(n).padStart(width, '0');
const clock = (date) =>
  `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;

function parsePino(line) {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line);
    return typeof entry.level === 'number' && 'time' in entry ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** The fields beyond pino's own, as `key=value` (primitives only: a line stays a line). */
function extras(entry) {
  return Object.entries(entry)
    .filter(([key, value]) => !KNOWN.has(key) && value !== null && typeof value !== 'object')
    .map(([key, value]) => `${key}=${value}`);
}

function message(entry) {
  let text;
  if (entry.req && entry.res) {
    text = `${entry.req.method} ${entry.req.url} ${entry.res.statusCode}`;
    if (entry.responseTime !== undefined) text += ` ${entry.responseTime} ms`;
    if (entry.msg && entry.msg !== 'request completed') text += ` ${entry.msg}`;
  } else {
    text = `${entry.context ? `[${entry.context}] ` : ''}${entry.msg ?? ''}`;
  }
  const { err } = entry;
  if (err?.message) text += `: ${err.type && err.type !== 'Error' ? `${err.type}: ` : ''}${err.message}`;
  if (entry.errorId) text += ` (errorId ${entry.errorId})`;
  return [text, ...extras(entry)].join(' ').replace(/\s*\n\s*/g, ' ');
}

// PostgreSQL: "2026-12-01 23:05:52.120 UTC [20365] LOG:  message"; Redis: "20392:M 01 Dec 2026 23:05:52.716 * message".
const SERVER_LINES = [
  {
    pattern: /^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] ([A-Z]+):\s+(.*)$/,
    level: (severity) => ({ WARNING: 'WARN', ERROR: 'ERROR', FATAL: 'FATAL', PANIC: 'FATAL' })[severity] ?? 'INFO',
    text: (severity, text) => (['DETAIL', 'HINT', 'STATEMENT', 'CONTEXT'].includes(severity) ? `${severity}: ${text}` : text),
  },
  {
    pattern: /^\d+:[XCSM] \d\d \w{3} \d{4} [\d:.]+ ([.\-*#]) (.*)$/,
    level: (_mark, text) => (/^WARNING/.test(text) ? 'WARN' : 'INFO'),
    text: (_mark, text) => text,
  },
];

function parseServerLine(line) {
  for (const { pattern, level, text } of SERVER_LINES) {
    const match = pattern.exec(line);
    if (match) return { level: level(match[1], match[2]), text: text(match[1], match[2]) };
  }
  return undefined;
}

const levelLabel = (level, colour) =>
  colour && COLOURS[level] ? `\x1b[${COLOURS[level]}m${level.padEnd(5)}\x1b[0m` : level.padEnd(5);

/**
 * One line for a terminal, or null for a line not worth showing there.
 * `colour` adds ANSI colours to the level (off with NO_COLOR or outside a terminal).
 */
function formatLine(name, line, { colour = false, now = new Date() } = {}) {
  const label = name.padEnd(8);
  const entry = parsePino(line);
  if (entry) {
    if (entry.level <= 30 && QUIET_CONTEXTS.has(entry.context)) return null;
    return `${clock(new Date(entry.time))} ${levelLabel(LEVELS[entry.level] ?? String(entry.level), colour)} ${label} ${message(entry)}`;
  }
  const server = parseServerLine(line);
  if (server) return `${clock(now)} ${levelLabel(server.level, colour)} ${label} ${server.text}`;
  return `${clock(now)}       ${label} ${line}`;
}

/** The supervisor's own messages, in the same shape as the children's. */
function formatOwn(text, { level = 'INFO', colour = false, now = new Date() } = {}) {
  return `${clock(now)} ${levelLabel(level, colour)} ${'arbiter'.padEnd(8)} ${text}`;
}

module.exports = { formatLine, formatOwn };
