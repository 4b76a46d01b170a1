/** The state of a board's link to the server, as the connection indicator shows it. */
import type { WebsocketProvider } from 'y-websocket';
import { PendingChanges } from './pending.svelte';

export type ConnectionState = 'connected' | 'connecting' | 'offline';

export class ConnectionStatus {
	state = $state<ConnectionState>('connecting');
	/** True once the document has had a full sync with the server since the page opened. */
	synced = $state(false);
	/** The last close code and reason the server sent, for an error message. */
	closed = $state<{ code: number; reason: string } | null>(null);
	/** Local changes the server has not confirmed yet. */
	readonly pending: PendingChanges;

	#dispose: () => void;

	constructor(provider: WebsocketProvider) {
		// The provider's room name is the board id.
		this.pending = new PendingChanges(provider, provider.roomname);
		const onStatus = ({ status }: { status: 'connected' | 'connecting' | 'disconnected' }) => {
			// After a lost connection the provider retries with a backoff and reports connecting
			// and disconnected in turn. The board counts as offline until a retry succeeds.
			if (status === 'connecting' && this.state === 'offline') return;
			this.state = status === 'disconnected' ? 'offline' : status;
		};
		const onSync = (synced: boolean) => {
			if (synced) this.synced = true;
		};
		const onClose = (event: CloseEvent | null) => {
			if (event && event.code !== 1000 && event.code !== 1005) {
				this.closed = { code: event.code, reason: event.reason };
			}
			this.state = 'offline';
		};
		const onOffline = () => (this.state = 'offline');
		provider.on('status', onStatus);
		provider.on('sync', onSync);
		provider.on('connection-close', onClose);
		window.addEventListener('offline', onOffline);
		if (provider.wsconnected) this.state = 'connected';
		if (provider.synced) this.synced = true;
		this.#dispose = () => {
			provider.off('status', onStatus);
			provider.off('sync', onSync);
			provider.off('connection-close', onClose);
			window.removeEventListener('offline', onOffline);
		};
	}

	destroy(): void {
		this.pending.destroy();
		this.#dispose();
	}
}
