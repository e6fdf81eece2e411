-- Runs once, on the first start of the docker compose postgres container (empty data volume),
-- as POSTGRES_USER. One database per subgraph: each service owns its schema and migrates it at
-- start-up (the services would also create a missing database themselves; doing it here keeps
-- the stack's databases visible in one place).
-- Generated from scripts/subgraphs.ts by `npm run compose`; edit the list, not these lines.
CREATE DATABASE crm_identity;
CREATE DATABASE crm_customers;
CREATE DATABASE crm_funnel;
CREATE DATABASE crm_service;
CREATE DATABASE crm_analytics;
