/**
 * The first `Intl` formatter of a page loads ICU's locale data: about 15 ms on a desktop and
 * four times that on a phone, once per page load. Made here, in tasks of their own right after
 * start-up, that happens while the dashboard's code and figures are still on their way instead
 * of inside the task that draws the figures (which then has to wait for it). Number first (it
 * carries the shared ICU start-up), dates in the next task: each stays short on its own.
 */
export function warmUpIntl(locale?: string, schedule: (task: () => void) => void = (task) => setTimeout(task)): void {
  schedule(() => {
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(1);
    schedule(() => {
      new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(0);
    });
  });
}
