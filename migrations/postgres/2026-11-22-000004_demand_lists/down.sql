DROP INDEX complaints_catalog;
DROP TABLE demand_items;
DROP TABLE demand_lists;
