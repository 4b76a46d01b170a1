/** Members named in imported rows: one per distinct name, with an id and colour derived from it. */
import type { Member, MemberRole } from '../board';

const COLORS = [
	'#2563eb',
	'#db2777',
	'#16a34a',
	'#ea580c',
	'#7c3aed',
	'#0891b2',
	'#ca8a04',
	'#dc2626',
	'#4f46e5',
	'#059669',
	'#c026d3',
	'#65a30d'
];

/** 32-bit FNV-1a hash of the UTF-16 code units of `text`. */
function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

function normalizeMemberName(name: string): string {
	return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Returns the member id for a name: the same on every import and every replica, so two imports
 * naming one person add one member.
 */
export function memberIdForName(name: string): string {
	return `member-${fnv1a(normalizeMemberName(name)).toString(36)}`;
}

export function memberColorForName(name: string): string {
	return COLORS[fnv1a(normalizeMemberName(name)) % COLORS.length];
}

/**
 * Maps the owner names of imported rows to member ids. A name already on the board keeps its
 * member. Any other name gets a new member, which is also collected in `created`.
 */
export class MemberDirectory {
	private readonly byName = new Map<string, string>();
	readonly created: Member[] = [];

	constructor(existing: Member[]) {
		for (const member of existing) this.byName.set(normalizeMemberName(member.name), member.id);
	}

	idFor(name: string, role: MemberRole): string {
		const key = normalizeMemberName(name);
		const known = this.byName.get(key);
		if (known !== undefined) return known;
		const member: Member = {
			id: memberIdForName(name),
			name: name.trim().replace(/\s+/g, ' '),
			role,
			color: memberColorForName(name)
		};
		this.byName.set(key, member.id);
		this.created.push(member);
		return member.id;
	}
}
