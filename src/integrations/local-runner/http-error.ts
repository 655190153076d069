// An error that becomes an HTTP answer: the status, and a message safe to show the page.
export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		/** Close the connection once the answer is sent (the request's body was left unread). */
		readonly closeConnection = false,
	) {
		super(message);
	}
}
