DROP TABLE held_texts;
