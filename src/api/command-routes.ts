import type { RequestHandler, Router } from 'express';
import { type CommandType, commandsOn, type Surface, TRANSITIONS } from '../case';
import { isStaffCommand, PATH_IDS, type StaffCommandType } from '../domain/contract/commands';
import { z } from '../domain/contract/zod';

export interface CommandPath {
  type: StaffCommandType;
  /** Relative to the petition or the supervision item, in Express's notation (`extensions/:extensionId/approve`). */
  path: string;
  /** On a former path, served so that its clients keep working (and documented as deprecated): the current one. */
  replacedBy?: string;
}

/** Former paths of commands whose route was named otherwise, kept for the clients that use them. */
const FORMER_PATHS: Partial<Record<CommandType, string>> = { accept: 'acknowledge' };

/** The staff commands' routes on a surface: each command's own path, then a former one kept as an alias. */
export function commandPaths(surface: Surface): CommandPath[] {
  return commandsOn(surface)
    .filter(isStaffCommand)
    .flatMap((type) => {
      const path = TRANSITIONS[type].path;
      const formerly = FORMER_PATHS[type];
      return formerly
        ? [
            { type, path },
            { type, path: formerly, replacedBy: path },
          ]
        : [{ type, path }];
    });
}

/** What serves a command's route: generic in the command, so that its body has its own schema's type. */
export type CommandHandler = <T extends StaffCommandType>(type: T, path: string) => RequestHandler;

/** `POST <prefix>/<path>` for every command route of the surface. */
export function addCommandRoutes(router: Router, surface: Surface, prefix: string, handler: CommandHandler) {
  for (const { type, path } of commandPaths(surface)) router.post(`${prefix}/${path}`, handler(type, path));
}

/** The schema of a command path's own ids (`:extensionId`, `:hearingId`). */
export function pathIdsOf(path: string) {
  return z.object(Object.fromEntries(Object.entries(PATH_IDS).filter(([name]) => path.includes(`:${name}`))));
}

/** The path in OpenAPI's notation: `:hearingId` → `{hearingId}`. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

/** How the OpenAPI document shows a former path: deprecated, pointing to the current one. */
export function formerPath(current: string) {
  return {
    deprecated: true,
    description: `A former path of \`POST ${current}\`, served as before; use that path instead.`,
  };
}
