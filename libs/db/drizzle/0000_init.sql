CREATE TABLE `concert` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`title` varchar(200) NOT NULL,
	`singer` varchar(200) NOT NULL,
	`description` text NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `concert_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `concert_event` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`concert_id` bigint unsigned NOT NULL,
	`venue` varchar(200) NOT NULL,
	`start_at` datetime(3) NOT NULL,
	`duration` int unsigned NOT NULL,
	`reservation_start_at` datetime(3) NOT NULL,
	`reservation_end_at` datetime(3) NOT NULL,
	`max_seat_count` int unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `concert_event_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `idempotency_key` (
	`user_id` bigint unsigned NOT NULL,
	`route` varchar(64) NOT NULL,
	`idempotency_key` varchar(255) NOT NULL,
	`request_hash` varchar(64) NOT NULL,
	`status_code` int NOT NULL,
	`response_body` json NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	CONSTRAINT `idempotency_key_user_id_route_idempotency_key_pk` PRIMARY KEY(`user_id`,`route`,`idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `occupation` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`concert_event_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`status` varchar(16) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`expired_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `occupation_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `payment` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`reservation_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`amount` bigint NOT NULL,
	`status` varchar(16) NOT NULL,
	`paid_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `payment_id` PRIMARY KEY(`id`),
	CONSTRAINT `payment_reservation_uq` UNIQUE(`reservation_id`)
);
--> statement-breakpoint
CREATE TABLE `reservation` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`concert_id` bigint unsigned NOT NULL,
	`concert_event_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`occupation_id` bigint unsigned NOT NULL,
	`status` varchar(16) NOT NULL,
	`total_seats` int unsigned NOT NULL,
	`total_amount` bigint NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`confirmed_at` datetime(3),
	`expired_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `reservation_id` PRIMARY KEY(`id`),
	CONSTRAINT `reservation_occupation_uq` UNIQUE(`occupation_id`)
);
--> statement-breakpoint
CREATE TABLE `seat` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`concert_event_id` bigint unsigned NOT NULL,
	`seat_number` int unsigned NOT NULL,
	`price` bigint NOT NULL,
	`is_available` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `seat_id` PRIMARY KEY(`id`),
	CONSTRAINT `seat_event_number_uq` UNIQUE(`concert_event_id`,`seat_number`)
);
--> statement-breakpoint
CREATE TABLE `seat_allocation` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`occupation_id` bigint unsigned NOT NULL,
	`seat_id` bigint unsigned NOT NULL,
	`seat_number` int unsigned NOT NULL,
	`seat_price` bigint NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`status` varchar(16) NOT NULL,
	`occupied_at` datetime(3) NOT NULL,
	`reserved_at` datetime(3),
	`expired_at` datetime(3),
	`reservation_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `seat_allocation_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `wallet` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`balance` bigint NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `wallet_id` PRIMARY KEY(`id`),
	CONSTRAINT `wallet_user_uq` UNIQUE(`user_id`)
);
--> statement-breakpoint
CREATE TABLE `wallet_ledger` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`amount` bigint NOT NULL,
	`balance_after` bigint NOT NULL,
	`reason` varchar(16) NOT NULL,
	`payment_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `wallet_ledger_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `concert_event_concert_window_idx` ON `concert_event` (`concert_id`,`reservation_start_at`,`reservation_end_at`);--> statement-breakpoint
CREATE INDEX `idempotency_key_expires_idx` ON `idempotency_key` (`expires_at`);--> statement-breakpoint
CREATE INDEX `occupation_status_expires_idx` ON `occupation` (`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `occupation_user_event_idx` ON `occupation` (`user_id`,`concert_event_id`,`status`);--> statement-breakpoint
CREATE INDEX `payment_user_idx` ON `payment` (`user_id`,`paid_at`);--> statement-breakpoint
CREATE INDEX `reservation_status_expires_idx` ON `reservation` (`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `reservation_user_idx` ON `reservation` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `seat_event_available_idx` ON `seat` (`concert_event_id`,`is_available`,`seat_number`,`price`);--> statement-breakpoint
CREATE INDEX `seat_allocation_occupation_idx` ON `seat_allocation` (`occupation_id`);--> statement-breakpoint
CREATE INDEX `seat_allocation_reservation_idx` ON `seat_allocation` (`reservation_id`);--> statement-breakpoint
CREATE INDEX `seat_allocation_seat_idx` ON `seat_allocation` (`seat_id`,`status`);--> statement-breakpoint
CREATE INDEX `wallet_ledger_user_idx` ON `wallet_ledger` (`user_id`,`id`);