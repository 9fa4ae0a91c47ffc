/** English texts of the history area (the source); keys start with "history.". */
export const history = {
} satisfies Record<`history.${string}`, string>;
