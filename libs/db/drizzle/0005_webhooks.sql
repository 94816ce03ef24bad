CREATE TABLE `webhook_attempt` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`delivery_id` bigint unsigned NOT NULL,
	`status_code` smallint unsigned,
	`latency_ms` int unsigned NOT NULL,
	`error` varchar(500),
	`attempted_at` datetime(3) NOT NULL,
	CONSTRAINT `webhook_attempt_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `webhook_delivery` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`endpoint_id` bigint unsigned NOT NULL,
	`event_id` char(26) NOT NULL,
	`event_type` varchar(64) NOT NULL,
	`body` mediumtext NOT NULL,
	`status` varchar(16) NOT NULL,
	`attempts` int unsigned NOT NULL DEFAULT 0,
	`next_attempt_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`delivered_at` datetime(3),
	CONSTRAINT `webhook_delivery_id` PRIMARY KEY(`id`),
	CONSTRAINT `webhook_delivery_endpoint_event_uq` UNIQUE(`endpoint_id`,`event_id`)
);
--> statement-breakpoint
CREATE TABLE `webhook_endpoint` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`url` varchar(2000) NOT NULL,
	`event_types` text NOT NULL,
	`secret` varchar(200) NOT NULL,
	`previous_secret` varchar(200),
	`previous_secret_until` datetime(3),
	`status` varchar(16) NOT NULL,
	`disabled_reason` varchar(500),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `webhook_endpoint_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `webhook_attempt_delivery_idx` ON `webhook_attempt` (`delivery_id`);--> statement-breakpoint
CREATE INDEX `webhook_delivery_due_idx` ON `webhook_delivery` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `webhook_delivery_event_idx` ON `webhook_delivery` (`event_id`);--> statement-breakpoint
CREATE INDEX `webhook_delivery_endpoint_idx` ON `webhook_delivery` (`endpoint_id`,`id`);