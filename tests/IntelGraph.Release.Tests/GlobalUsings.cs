global using IntelGraph.Server.Tests;
global using IntelGraph.Server.Tests.Infrastructure;
global using Microsoft.AspNetCore.Builder;
global using Microsoft.Data.Sqlite;
global using Microsoft.Extensions.Configuration;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Hosting;
global using Microsoft.Extensions.Logging;
