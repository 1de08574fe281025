export * from "./clock.ts";
export * from "./flex-client.ts";
export * from "./flex-error-codes.ts";
export * from "./flex-service-error.ts";
export * from "./token-pacer.ts";
