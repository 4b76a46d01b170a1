// See https://svelte.dev/docs/kit/types#app.d.ts for the types declared here.
declare global {
	namespace App {}
}

export {};
