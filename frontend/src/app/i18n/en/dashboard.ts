/** English texts of the dashboard area (the source); keys start with "dashboard.". */
export const dashboard = {
} satisfies Record<`dashboard.${string}`, string>;
