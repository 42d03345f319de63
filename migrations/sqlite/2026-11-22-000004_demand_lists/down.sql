DROP TABLE demand_items;
DROP TABLE demand_lists;
