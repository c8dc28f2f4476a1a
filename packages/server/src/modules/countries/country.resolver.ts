import { Authorized, Query, Resolver } from 'type-graphql';
import { listCountries } from './country.service.js';
import { Country } from './country.type.js';

@Resolver()
export class CountryResolver {
  @Authorized()
  @Query(() => [Country], { description: 'The region policy today: excluded countries carry a reason.' })
  countries(): Country[] {
    return listCountries();
  }
}
