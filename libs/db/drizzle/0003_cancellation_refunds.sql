CREATE TABLE `refund` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`payment_id` bigint unsigned NOT NULL,
	`reservation_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`amount` bigint NOT NULL,
	`kind` varchar(16) NOT NULL,
	`reason` varchar(500) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `refund_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `payment` MODIFY COLUMN `status` varchar(24) NOT NULL;--> statement-breakpoint
ALTER TABLE `concert_event` ADD `cancellable_until_minutes_before` int unsigned;--> statement-breakpoint
ALTER TABLE `concert_event` ADD `cancellation_fee_percent` int unsigned DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `concert_event` ADD `cancellation_fee_fixed` bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `payment` ADD `refunded_amount` bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `reservation` ADD `cancelled_at` datetime(3);--> statement-breakpoint
ALTER TABLE `wallet_ledger` ADD `refund_id` bigint unsigned;--> statement-breakpoint
CREATE INDEX `refund_reservation_idx` ON `refund` (`reservation_id`);--> statement-breakpoint
CREATE INDEX `refund_payment_idx` ON `refund` (`payment_id`);--> statement-breakpoint
CREATE INDEX `wallet_ledger_refund_idx` ON `wallet_ledger` (`refund_id`);