import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, patch, post } from '../api/client.ts';
import type { Mechanism } from '../api/types.ts';

export const MECHANISM = ['mechanism'] as const;

export type CollectionPath = 'agreements' | 'excluded-groups' | 'zones' | 'taxonomy';
export const collectionKey = (path: CollectionPath) => ['mechanism', path] as const;

export function useMechanism() {
  return useQuery({ queryKey: MECHANISM, queryFn: () => get<Mechanism>('/api/mechanism') });
}

export function useCollection<T>(path: CollectionPath) {
  return useQuery({ queryKey: collectionKey(path), queryFn: () => get<T[]>(`/api/mechanism/${path}`) });
}

/**
 * Saves one item of a set-up list: POST when new, PATCH with the version edited when not
 * (a 409 then says someone else saved first). The list is fetched again afterwards.
 */
export function useSaveItem<T>(path: CollectionPath, item: { id: string; version: number } | null, onSaved: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      item ? patch<T>(`/api/mechanism/${path}/${item.id}`, { ...body, version: item.version }) : post<T>(`/api/mechanism/${path}`, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: collectionKey(path) });
      onSaved();
    },
  });
}

/** After a stale save (409): fetch the list again and close the form, so the next edit starts from the newer version. */
export function useReloadCollection(path: CollectionPath, close: () => void) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: collectionKey(path) });
    close();
  };
}
