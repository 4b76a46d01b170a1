import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGES, laneOwner, missingOwnerLane, type Card } from '../../src/lib/board';

const stage = (id: string) => DEFAULT_STAGES.find((entry) => entry.id === id)!;

function card(stageId: string, fields: Partial<Card> = {}): Card {
	return {
		id: 'c1',
		title: 'Acme',
		company: '',
		contact: '',
		value: 0,
		position: { stageId, rank: 'a0' },
		salesOwner: null,
		opsOwner: null,
		tags: [],
		dueAt: null,
		createdAt: '2024-05-01T00:00:00Z',
		closedAt: null,
		satisfaction: null,
		health: null,
		source: '',
		archived: false,
		...fields
	};
}

describe('ownership', () => {
	it('reads the owner of the lane', () => {
		const both = card('lead', { salesOwner: 'li', opsOwner: 'zhang' });
		expect(laneOwner(both, stage('lead'))).toBe('li');
		expect(laneOwner(both, stage('active'))).toBe('zhang');
	});

	it('flags a sales stage without sales owner', () => {
		expect(missingOwnerLane(card('lead', { opsOwner: 'zhang' }), stage('lead'))).toBe('sales');
		expect(missingOwnerLane(card('won'), stage('won'))).toBe('sales');
		expect(missingOwnerLane(card('lead', { salesOwner: 'li' }), stage('lead'))).toBeNull();
	});

	it('flags an ops stage without ops owner', () => {
		const salesOnly = card('onboarding', { salesOwner: 'li' });
		expect(missingOwnerLane(salesOnly, stage('onboarding'))).toBe('ops');
		expect(missingOwnerLane(salesOnly, stage('renewal'))).toBe('ops');
		const owned = card('active', { opsOwner: 'zhang' });
		expect(missingOwnerLane(owned, stage('active'))).toBeNull();
	});

	it('skips closed and archived cards', () => {
		expect(missingOwnerLane(card('lost'), stage('lost'))).toBeNull();
		expect(missingOwnerLane(card('churned'), stage('churned'))).toBeNull();
		expect(missingOwnerLane(card('lead', { archived: true }), stage('lead'))).toBeNull();
		expect(missingOwnerLane(card('gone'), undefined)).toBeNull();
	});
});
