import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Audit } from './back-office/Audit.tsx';
import { BackOfficeIndex } from './back-office/BackOfficeIndex.tsx';
import { BackOfficeLayout } from './back-office/BackOfficeLayout.tsx';
import { HubSettings } from './back-office/HubSettings.tsx';
import { Hubs } from './back-office/Hubs.tsx';
import { Overview } from './back-office/Overview.tsx';
import { Spaces } from './back-office/Spaces.tsx';
import { Staff } from './back-office/Staff.tsx';
import { HubsProvider } from './components/hubs.tsx';
import { Layout } from './components/Layout.tsx';
import { Loading } from './components/Status.tsx';
import { LocaleProvider } from './i18n/locale.tsx';
import { AcceptInvitation } from './pages/AcceptInvitation.tsx';
import { ForgotPassword } from './pages/ForgotPassword.tsx';
import { HomeRedirect } from './pages/HomeRedirect.tsx';
import { HubHome } from './pages/HubHome.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { ResetPassword } from './pages/ResetPassword.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { SignUp } from './pages/SignUp.tsx';
import { SpacePage } from './pages/SpacePage.tsx';
import { SessionProvider } from './session/session.tsx';

const TogyzPage = lazy(() => import('./togyz/TogyzPage.tsx'));
const ProgramPage = lazy(() => import('./program/ProgramPage.tsx').then((m) => ({ default: m.ProgramPage })));
const EventPage = lazy(() => import('./program/EventPage.tsx').then((m) => ({ default: m.EventPage })));
const BookingPage = lazy(() => import('./program/BookingPage.tsx').then((m) => ({ default: m.BookingPage })));
const OrderPage = lazy(() => import('./program/OrderPage.tsx').then((m) => ({ default: m.OrderPage })));
const ReceiptPage = lazy(() => import('./program/ReceiptPage.tsx').then((m) => ({ default: m.ReceiptPage })));
const MyTickets = lazy(() => import('./program/MyTickets.tsx').then((m) => ({ default: m.MyTickets })));
const ProgramSection = lazy(() =>
  import('./back-office/program/ProgramSection.tsx').then((m) => ({ default: m.ProgramSection })),
);
const WaitlistPage = lazy(() =>
  import('./offers/WaitlistPage.tsx').then((m) => ({ default: m.WaitlistPage })),
);
const MembershipShop = lazy(() =>
  import('./offers/MembershipShop.tsx').then((m) => ({ default: m.MembershipShop })),
);
const MembershipPurchasePage = lazy(() =>
  import('./offers/MembershipPurchasePage.tsx').then((m) => ({ default: m.MembershipPurchasePage })),
);
const MyMemberships = lazy(() =>
  import('./offers/MyMemberships.tsx').then((m) => ({ default: m.MyMemberships })),
);
const OffersSection = lazy(() =>
  import('./offers/OffersSection.tsx').then((m) => ({ default: m.OffersSection })),
);
const GiftVouchers = lazy(() =>
  import('./offers/GiftVouchers.tsx').then((m) => ({ default: m.GiftVouchers })),
);
const VoucherBalancePage = lazy(() =>
  import('./offers/VoucherBalancePage.tsx').then((m) => ({ default: m.VoucherBalancePage })),
);
const lazyPage = (page: ReactNode) => <Suspense fallback={<Loading />}>{page}</Suspense>;
const Desk = lazy(() => import('./desk/Desk.tsx').then((m) => ({ default: m.Desk })));
const Door = lazy(() => import('./door/Door.tsx').then((m) => ({ default: m.Door })));

export function App() {
  return (
    <LocaleProvider>
      <SessionProvider>
        <HubsProvider>
          <BrowserRouter>
            <Routes>
              {/* A sheet to print: no site header or footer around it. */}
              <Route path="orders/:orderId/receipt" element={lazyPage(<ReceiptPage />)} />
              <Route element={<Layout />}>
                <Route index element={<HomeRedirect />} />
                <Route path="sign-in" element={<SignIn />} />
                <Route path="sign-up" element={<SignUp />} />
                <Route path="forgot-password" element={<ForgotPassword />} />
                <Route path="reset-password" element={<ResetPassword />} />
                <Route path="invitations/:token" element={<AcceptInvitation />} />
                <Route path="back-office" element={<BackOfficeIndex />} />
                <Route path="back-office/:hubSlug" element={<BackOfficeLayout />}>
                  <Route index element={<Overview />} />
                  <Route path="spaces" element={<Spaces />} />
                  <Route path="staff" element={<Staff />} />
                  <Route path="audit" element={<Audit />} />
                  <Route path="settings" element={<HubSettings />} />
                  <Route path="hubs" element={<Hubs />} />
                  <Route path="program/*" element={lazyPage(<ProgramSection />)} />
                  <Route path="offers/*" element={lazyPage(<OffersSection />)} />
                  <Route path="vouchers" element={lazyPage(<GiftVouchers />)} />
                  <Route
                    path="desk"
                    element={
                      <Suspense fallback={<Loading />}>
                        <Desk />
                      </Suspense>
                    }
                  />
                  <Route
                    path="door"
                    element={
                      <Suspense fallback={<Loading />}>
                        <Door />
                      </Suspense>
                    }
                  />
                  <Route
                    path="door/:performanceId"
                    element={
                      <Suspense fallback={<Loading />}>
                        <Door />
                      </Suspense>
                    }
                  />
                  <Route path="*" element={null} />
                </Route>
                <Route path="orders/:orderId" element={lazyPage(<OrderPage />)} />
                <Route path="my/tickets" element={lazyPage(<MyTickets />)} />
                <Route path="my/memberships" element={lazyPage(<MyMemberships />)} />
                <Route path=":hubSlug" element={<HubHome />} />
                <Route path=":hubSlug/program" element={lazyPage(<ProgramPage />)} />
                <Route path=":hubSlug/events/:eventSlug" element={lazyPage(<EventPage />)} />
                <Route path=":hubSlug/performances/:performanceId" element={lazyPage(<BookingPage />)} />
                <Route path=":hubSlug/spaces/:spaceSlug" element={<SpacePage />} />
                <Route path=":hubSlug/waitlist/:id" element={lazyPage(<WaitlistPage />)} />
                <Route path=":hubSlug/memberships" element={lazyPage(<MembershipShop />)} />
                <Route
                  path=":hubSlug/memberships/purchases/:id"
                  element={lazyPage(<MembershipPurchasePage />)}
                />
                <Route path=":hubSlug/gift-voucher" element={lazyPage(<VoucherBalancePage />)} />
                <Route
                  path=":hubSlug/games/togyz"
                  element={
                    <Suspense fallback={<Loading />}>
                      <TogyzPage />
                    </Suspense>
                  }
                />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </HubsProvider>
      </SessionProvider>
    </LocaleProvider>
  );
}
