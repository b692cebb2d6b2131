"""The groups context: groups, their membership and members' roles (owner, admin, member)."""
