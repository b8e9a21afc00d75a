"""The channel-neutral application: turns, the coordinators' desk, cards, commands,
addresses, the outbox loop, scheduled chores, loading and reload."""
