/** Local time as YYYY-MM-DD HH:mm, without Intl (older base libraries lack it). */
function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
