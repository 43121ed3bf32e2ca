import type { Locator, Page } from 'playwright-core';
import type { N8nInstance } from './n8n-instance';

const UI_TIMEOUT_MS = 60_000;

/** Signs in through n8n's sign-in form as the owner the harness set up. */
export async function signIn(page: Page, n8n: N8nInstance): Promise<void> {
	await page.goto(`${n8n.url}/signin`, { timeout: UI_TIMEOUT_MS });
	await page.locator('input[type="email"]').first().fill(n8n.owner.email, { timeout: UI_TIMEOUT_MS });
	await page.locator('input[type="password"]').first().fill(n8n.owner.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: UI_TIMEOUT_MS });
}

/** Opens "Add new credential" from the credentials page and picks a credential type by its display name. */
export async function openNewCredential(page: Page, n8n: N8nInstance, displayName: string): Promise<Locator> {
	await page.goto(`${n8n.url}/home/credentials`, { timeout: UI_TIMEOUT_MS });
	// The page shows the button twice when empty (header and empty state): either opens the same modal.
	await page.getByRole('button', { name: /Create credential|Add credential|Add first credential/ }).first().click({ timeout: UI_TIMEOUT_MS });
	await page.keyboard.type(displayName);
	await page.getByText(displayName, { exact: true }).click({ timeout: UI_TIMEOUT_MS });
	await page.getByRole('button', { name: 'Continue' }).click();
	const modal = page.getByTestId('editCredential-modal');
	await modal.waitFor({ timeout: UI_TIMEOUT_MS });
	return modal;
}

/** Types into a credential parameter's text input, replacing what was there. */
export async function fillParameter(modal: Locator, name: string, value: string): Promise<void> {
	const input = modal.getByTestId(`parameter-input-${name}`).locator('input').first();
	await input.fill(value, { timeout: UI_TIMEOUT_MS });
}

/** Chooses an option of a credential parameter's dropdown by its label. */
export async function chooseOption(page: Page, modal: Locator, name: string, label: string): Promise<void> {
	await modal.getByTestId(`parameter-input-${name}`).click({ timeout: UI_TIMEOUT_MS });
	// An option's accessible name is its label followed by its description.
	const startsWithLabel = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
	await page.getByRole('option', { name: startsWithLabel }).first().click({ timeout: UI_TIMEOUT_MS });
}

/**
 * Presses the OAuth connect button (2.x: "Connect" quick-connect button; 1.x: "Connect my account")
 * and waits for the popup n8n opens to finish and close.
 */
export async function connectOAuth(page: Page, modal: Locator): Promise<void> {
	const button = modal
		.getByTestId('quick-connect-button')
		.or(modal.getByTestId('oauth-connect-button'))
		.or(modal.getByRole('button', { name: /Connect my account|Sign in with/i }))
		.first();
	const popupOpened = page.waitForEvent('popup', { timeout: UI_TIMEOUT_MS });
	await button.click({ timeout: UI_TIMEOUT_MS });
	const popup = await popupOpened;
	// The popup goes to the emulator's consent (granted at once), back to n8n's callback, and closes itself.
	if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: UI_TIMEOUT_MS });
}
