// Types the modules share live in Hub.Contracts; imported once here so a type moving there does not churn every file.
global using Hub.Contracts.Logging;
global using Hub.Contracts.Replenishment;
global using Hub.Contracts.Outbox;
global using Hub.Contracts.Scheduling;
