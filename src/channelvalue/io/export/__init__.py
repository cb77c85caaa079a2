"""Reading one-table exports (CRM/PRM) into a network."""
