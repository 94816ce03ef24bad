export { dataEnvelope, errorBody, idParam, instant, listEnvelope, userId, type ErrorBody } from './envelope.js';
export { defineOperation, type Operation } from './operation.js';
export { deleteQueueToken, getQueueStatus, issueQueueToken, queuePlace } from './queue.js';
