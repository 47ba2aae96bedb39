// Times of day for notes and history: "Dec 4, 14:05".
const dayAndTime = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export const formatClock = (epochMs: number) => dayAndTime.format(epochMs);
