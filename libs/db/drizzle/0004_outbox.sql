CREATE TABLE `outbox_event` (
	`seq` bigint unsigned AUTO_INCREMENT NOT NULL,
	`id` char(26) NOT NULL,
	`type` varchar(64) NOT NULL,
	`aggregate_type` varchar(32) NOT NULL,
	`aggregate_id` bigint unsigned NOT NULL,
	`schema_version` smallint unsigned NOT NULL,
	`occurred_at` datetime(3) NOT NULL,
	`payload` json NOT NULL,
	`published_at` datetime(3),
	CONSTRAINT `outbox_event_seq` PRIMARY KEY(`seq`),
	CONSTRAINT `outbox_event_id_uq` UNIQUE(`id`)
);
--> statement-breakpoint
ALTER TABLE `concert_event` ADD `seats_sold` int unsigned DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `outbox_event_published_idx` ON `outbox_event` (`published_at`,`seq`);--> statement-breakpoint
-- Seats already paid for when this migration runs.
UPDATE `concert_event` SET `seats_sold` = (
	SELECT COUNT(*) FROM `seat_allocation` JOIN `reservation` ON `reservation`.`id` = `seat_allocation`.`reservation_id`
	WHERE `reservation`.`concert_event_id` = `concert_event`.`id` AND `reservation`.`status` = 'CONFIRMED' AND `seat_allocation`.`status` = 'RESERVED'
);
