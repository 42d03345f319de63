DROP TABLE project_acceptances;
DROP TABLE acceptance_ratings;
DROP TABLE works_milestones;
DROP TABLE works_notices;
DROP TABLE project_parties;
