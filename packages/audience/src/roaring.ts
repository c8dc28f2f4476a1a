// roaring is CommonJS without statically detectable named exports: take the class off the default.
import roaring from 'roaring';

/** CRoaring 32-bit bitmaps (native). */
export const RoaringBitmap32 = roaring.RoaringBitmap32;
export type RoaringBitmap32 = import('roaring').RoaringBitmap32;
