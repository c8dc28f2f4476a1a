import { useMutation } from 'urql';
import { graphql } from '../../../graphql/graphql.ts';

export const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) { viewer { organization { id } } }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout { logout }
`);

export const SwitchOrganizationMutation = graphql(`
  mutation SwitchOrganization($organizationId: ID!) {
    switchOrganization(organizationId: $organizationId) { organization { id } }
  }
`);

export function useLogin() {
  return useMutation(LoginMutation);
}
export function useLogout() {
  return useMutation(LogoutMutation);
}
export function useSwitchOrganization() {
  return useMutation(SwitchOrganizationMutation);
}
