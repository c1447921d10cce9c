/** The navbar's width (AppLayout). */
export const NAVBAR_WIDTH = 200;

/**
 * Notifications (main.tsx) sit bottom-left over the navbar, inside its width and padding, so
 * they never cover a page's buttons: those are all in the main area, right of the navbar.
 */
export const NOTIFICATION_WIDTH = NAVBAR_WIDTH - 16;
