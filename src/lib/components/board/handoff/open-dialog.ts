/**
 * Mounts the handoff dialog on `document.body` for one drop and unmounts it when it closes, so the
 * drag code can open it without a component of the board page having to host it.
 */
import { mount, unmount, type ComponentProps } from 'svelte';
import HandoffDialog from './HandoffDialog.svelte';

export type HandoffDialogProps = ComponentProps<typeof HandoffDialog>;

export function openHandoffDialog(props: HandoffDialogProps): void {
	const host = document.createElement('div');
	document.body.append(host);
	const component = mount(HandoffDialog, {
		target: host,
		props: {
			...props,
			onclose: (moved: boolean) => {
				props.onclose(moved);
				// Unmounting inside the dialog's own close event would tear it down mid-dispatch.
				queueMicrotask(() => {
					void unmount(component);
					host.remove();
				});
			}
		}
	});
}
