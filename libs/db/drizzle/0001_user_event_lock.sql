CREATE TABLE `user_event_lock` (
	`user_id` bigint unsigned NOT NULL,
	`concert_event_id` bigint unsigned NOT NULL,
	CONSTRAINT `user_event_lock_user_id_concert_event_id_pk` PRIMARY KEY(`user_id`,`concert_event_id`)
);
